package main

// Templates of the main column, one per kind of page.
const mains = `
{{define "article"}}
				<div class="news-detail" id="ctl00_ContentPlaceHolder1_pnlDetail">
					<div class="news-meta-top"><span class="luotxem">Lượt xem: {{.Views}}</span></div>
					<h1 class="news-title">{{.Title}}</h1>
{{- if .DateLine}}
					<div class="news-date"><img src="/images/icon-clock.png" alt="" /> {{.DateLine}}</div>
{{- end}}
					<div class="news-content">
{{range .Body}}{{.}}
{{end}}					</div>
					<div class="tool-bar clearfix">
						<a class="print" href="javascript:window.print();">In bài viết</a> |
						<a class="email" href="mailto:?subject={{.Title}}">Gửi email</a> |
						<a class="fb" href="javascript:void(0)" onclick="window.open('https://www.facebook.com/sharer/sharer.php?u='+encodeURIComponent(location.href));">Chia sẻ</a>
						<a class="gotop pull-right" href="#top">Về đầu trang</a>
					</div>
{{- if .Related}}
					<div class="{{.RelatedClass}}">
						<div class="title-other">{{.RelatedTitle}}</div>
						<ul>
{{- range .Related}}
							<li><a href="{{.URL}}">{{.Title}}</a> <span class="date">({{.Day}})</span></li>
{{- end}}
						</ul>
					</div>
{{- end}}
				</div>
{{end}}

{{define "listing"}}
				<div class="cate-title"><h2>{{.Name}}</h2></div>
{{- if .Table}}
				<table class="table table-bordered vb-list">
					<thead><tr><th>STT</th><th>Số/Ký hiệu</th><th>Ngày ban hành</th><th>Trích yếu</th></tr></thead>
					<tbody>
{{- range $i, $it := .Items}}
						<tr><td>{{inc $i $.Offset}}</td><td>{{$it.DocNo}}</td><td>{{$it.Day}}</td><td><a href="{{$it.URL}}">{{$it.Title}}</a></td></tr>
{{- end}}
					</tbody>
				</table>
{{- else}}
				<div class="list-news">
{{- range .Items}}
					<div class="news-item clearfix">
{{- if .Thumb}}
						<a class="thumb" href="{{.URL}}"><img src="{{.Thumb}}" alt="{{.Title}}" /></a>
{{- end}}
						<h3 class="title"><a href="{{.URL}}">{{.Title}}</a></h3>
						<div class="date">{{.Day}}</div>
						<p class="sapo">{{.Summary}}</p>
					</div>
{{- end}}
				</div>
{{- end}}
				<div class="paging">
{{- if eq .Page 1}}
					<span class="current">1</span> <a href="trang-2.html">2</a> <a href="trang-2.html">Trang sau &raquo;</a>
{{- else}}
					<a href="./">&laquo; Trang trước</a> <a href="./">1</a> <span class="current">2</span>
{{- end}}
				</div>
{{end}}

{{define "home"}}
				<div class="hot-news row">
					<div class="col-md-7"><a href="{{.Hot.URL}}"><img class="img-responsive" src="{{.Hot.Thumb}}" alt="{{.Hot.Title}}" /></a></div>
					<div class="col-md-5">
						<h2><a href="{{.Hot.URL}}">{{.Hot.Title}}</a></h2>
						<div class="date">{{.Hot.Day}}</div>
						<p class="sapo">{{.Hot.Summary}}</p>
					</div>
				</div>
{{- range .Blocks}}
				<div class="home-block">
					<div class="block-title"><a href="{{.URL}}">{{.Name}}</a><a class="more" href="{{.URL}}">Xem tiếp &raquo;</a></div>
					<ul class="block-list">
{{- range $i, $it := .Items}}
						<li><a href="{{$it.URL}}">{{$it.Title}}</a> <span class="date">({{$it.Day}})</span>{{if eq $i 0}}
							<p class="sapo">{{$it.Summary}}</p>{{end}}</li>
{{- end}}
					</ul>
				</div>
{{- end}}
				<div class="banner-home row">
					<div class="col-md-4"><a href="/gioi-thieu/chuc-nang-nhiem-vu.html"><img src="/images/banner-gioi-thieu.png" alt="Giới thiệu Sở" /></a></div>
					<div class="col-md-4"><a href="https://dichvucong.gov.vn/" target="_blank"><img src="/images/banner-dvc.png" alt="Dịch vụ công trực tuyến" /></a></div>
					<div class="col-md-4"><a href="/noi-bo/huong-dan-su-dung-phan-mem.html"><img src="/images/banner-noi-bo.png" alt="Hệ thống văn bản nội bộ" /></a></div>
				</div>
{{end}}
`

// The main column of the pages that are written by hand rather than from data.

const chucNangNhiemVu = `
<h3>I. Vị trí và chức năng</h3>
<p style="text-align: justify;">Sở Lao động - Thương binh và Xã hội là cơ quan chuyên môn thuộc Ủy ban nhân dân tỉnh, tham mưu, giúp Ủy ban nhân dân tỉnh quản lý nhà nước về lao động, việc làm, giáo dục nghề nghiệp, tiền lương, bảo hiểm xã hội, an toàn, vệ sinh lao động, người có công, bảo trợ xã hội, trẻ em, bình đẳng giới và phòng, chống tệ nạn xã hội.</p>
<p style="text-align: justify;">Sở có tư cách pháp nhân, có con dấu và tài khoản riêng; chịu sự chỉ đạo, quản lý về tổ chức, biên chế và công tác của Ủy ban nhân dân tỉnh, đồng thời chịu sự chỉ đạo, kiểm tra, hướng dẫn về chuyên môn, nghiệp vụ của Bộ Lao động - Thương binh và Xã hội.</p>
<h3>II. Nhiệm vụ và quyền hạn</h3>
<ol>
	<li>Trình Ủy ban nhân dân tỉnh dự thảo quyết định, chỉ thị, kế hoạch dài hạn, 5 năm và hằng năm về lĩnh vực lao động, người có công và xã hội.</li>
	<li>Tổ chức thực hiện các văn bản quy phạm pháp luật, quy hoạch, kế hoạch sau khi được phê duyệt; thông tin, tuyên truyền, phổ biến, giáo dục pháp luật thuộc phạm vi quản lý.</li>
	<li>Hướng dẫn, kiểm tra việc thực hiện chính sách về việc làm, thị trường lao động, bảo hiểm thất nghiệp và đưa người lao động đi làm việc ở nước ngoài theo hợp đồng.</li>
	<li>Quản lý nhà nước về giáo dục nghề nghiệp, trừ các trường sư phạm; thực hiện chính sách đối với người học và nhà giáo giáo dục nghề nghiệp.</li>
	<li>Tổ chức thực hiện chế độ, chính sách ưu đãi đối với người có công với cách mạng; quản lý các công trình ghi công liệt sĩ trên địa bàn tỉnh.</li>
	<li>Thực hiện các chính sách bảo trợ xã hội, giảm nghèo, bảo vệ, chăm sóc trẻ em, bình đẳng giới và phòng, chống tệ nạn xã hội.</li>
	<li>Thực hiện công tác thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo và phòng, chống tham nhũng theo quy định của pháp luật.</li>
</ol>
<h3>III. Cơ cấu tổ chức</h3>
<p style="text-align: justify;">Cơ cấu tổ chức của Sở gồm lãnh đạo Sở, các phòng chuyên môn, nghiệp vụ và các đơn vị sự nghiệp trực thuộc, được trình bày tại trang <a href="co-cau-to-chuc.html">Cơ cấu tổ chức</a>.</p>
`

const coCauToChuc = `
<p style="text-align: justify;">Sở được tổ chức theo hướng dẫn của Bộ Lao động - Thương binh và Xã hội về chức năng, nhiệm vụ, quyền hạn của cơ quan chuyên môn thuộc Ủy ban nhân dân cấp tỉnh. Lãnh đạo Sở gồm Giám đốc và các Phó Giám đốc.</p>
<h3>Các phòng chuyên môn, nghiệp vụ</h3>
<ul>
	<li>Văn phòng Sở</li>
	<li>Thanh tra Sở</li>
	<li>Phòng Kế hoạch - Tài chính</li>
	<li>Phòng Lao động - Việc làm - Giáo dục nghề nghiệp</li>
	<li>Phòng Người có công</li>
	<li>Phòng Bảo trợ xã hội - Trẻ em - Bình đẳng giới</li>
</ul>
<h3>Các đơn vị sự nghiệp trực thuộc</h3>
<ul>
	<li>Trung tâm Dịch vụ việc làm</li>
	<li>Trung tâm Công tác xã hội</li>
	<li>Cơ sở Cai nghiện ma túy</li>
	<li>Trung tâm Điều dưỡng người có công</li>
</ul>
<p style="text-align: justify;">Các phòng và đơn vị thực hiện nhiệm vụ theo quy chế làm việc do Giám đốc Sở ban hành, phối hợp chặt chẽ với Phòng Lao động - Thương binh và Xã hội các huyện, thị xã, thành phố trong triển khai chính sách tại cơ sở.</p>
`

const lienHe = `
				<div class="contact-page">
					<div class="cate-title"><h2>Liên hệ</h2></div>
					<div class="contact-info">
						<strong>SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI TỈNH SÓC TRĂNG</strong><br />
						Số 46, Lê Duẩn, Phường 3, Thành phố Sóc Trăng<br />
						02993.827.104 - soldtbxh@soctrang.gov.vn
					</div>
					<div class="contact-form form-horizontal">
						<div class="form-group"><label for="txtName" class="col-sm-3">Họ và tên (*)</label><div class="col-sm-9"><input type="text" id="txtName" name="txtName" class="form-control" /></div></div>
						<div class="form-group"><label for="txtEmail" class="col-sm-3">Email (*)</label><div class="col-sm-9"><input type="email" id="txtEmail" name="txtEmail" class="form-control" /></div></div>
						<div class="form-group"><label for="txtPhone" class="col-sm-3">Điện thoại</label><div class="col-sm-9"><input type="tel" id="txtPhone" name="txtPhone" class="form-control" /></div></div>
						<div class="form-group"><label for="txtAddress" class="col-sm-3">Địa chỉ</label><div class="col-sm-9"><input type="text" id="txtAddress" name="txtAddress" class="form-control" /></div></div>
						<div class="form-group"><label for="txtSubject" class="col-sm-3">Tiêu đề (*)</label><div class="col-sm-9"><input type="text" id="txtSubject" name="txtSubject" class="form-control" /></div></div>
						<div class="form-group"><label for="txtContent" class="col-sm-3">Nội dung (*)</label><div class="col-sm-9"><textarea id="txtContent" name="txtContent" rows="6" class="form-control"></textarea></div></div>
						<div class="form-group"><label for="txtCaptcha" class="col-sm-3">Mã xác nhận</label><div class="col-sm-9"><input type="text" id="txtCaptcha" name="txtCaptcha" class="form-control captcha" /> <img src="/images/captcha.png" alt="captcha" /></div></div>
						<div class="form-group"><div class="col-sm-offset-3 col-sm-9"><input type="submit" name="btnSend" value="Gửi liên hệ" class="btn btn-primary" /> <input type="reset" value="Nhập lại" class="btn btn-default" /></div></div>
					</div>
				</div>
`

const timKiem = `
				<div class="search-page">
					<div class="cate-title"><h2>Tìm kiếm</h2></div>
					<div class="search-form form-inline">
						<input type="text" name="keyword" id="txtKeyword" class="form-control" placeholder="Nhập từ khóa" />
						<select name="cat" class="form-control">
							<option value="">-- Tất cả chuyên mục --</option>
							<option value="tin-tuc">Tin tức - Sự kiện</option>
							<option value="thong-bao">Thông báo</option>
							<option value="van-ban">Văn bản - Chính sách</option>
						</select>
						<input type="date" name="from" class="form-control" />
						<input type="date" name="to" class="form-control" />
						<input type="submit" name="btnSearch" value="Tìm kiếm" class="btn btn-primary" />
					</div>
					<div class="search-result"><em>Nhập từ khóa để tìm kiếm.</em></div>
				</div>
`

const dangNhap = `
				<div class="login-page">
					<div class="cate-title"><h2>Đăng nhập hệ thống</h2></div>
					<div class="login-box">
						<div class="form-group"><label for="txtUser">Tên đăng nhập</label><input type="text" id="txtUser" name="txtUser" class="form-control" /></div>
						<div class="form-group"><label for="txtPass">Mật khẩu</label><input type="password" id="txtPass" name="txtPass" class="form-control" /></div>
						<div class="checkbox"><label><input type="checkbox" name="chkRemember" /> Ghi nhớ đăng nhập</label></div>
						<input type="submit" name="btnLogin" value="Đăng nhập" class="btn btn-primary" />
						<p class="help"><a href="/noi-bo/huong-dan-su-dung-phan-mem.html">Hướng dẫn sử dụng</a> | <a href="/lien-he.html">Quên mật khẩu?</a></p>
					</div>
				</div>
`
